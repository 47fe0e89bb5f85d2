package org.benchrig.mqtt;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.benchrig.config.MqttConfig;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;

/** Connect options from the config (credentials, TLS) and one-line descriptions of connect failures. */
final class Connections {
    /** Seconds a connect attempt may take before it counts as failed. */
    static final int CONNECT_TIMEOUT_S = 5;
    /** Keep-alive: a dead TCP connection is noticed, and the last will sent, within 1.5 times this. */
    static final int KEEP_ALIVE_S = 10;

    private Connections() {
    }

    static MqttConnectOptions options(MqttConfig cfg, Function<String, String> env) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setConnectionTimeout(CONNECT_TIMEOUT_S);
        o.setKeepAliveInterval(KEEP_ALIVE_S);
        o.setAutomaticReconnect(false);   // we reconnect ourselves, with backoff, and re-drain the outbox
        if (cfg.username() != null) {
            o.setUserName(cfg.username());
        }
        if (cfg.passwordEnv() != null) {
            String pw = env.apply(cfg.passwordEnv());
            if (pw == null) {
                throw new IllegalArgumentException("mqtt.password_env names $" + cfg.passwordEnv()
                        + ", which is not set");
            }
            o.setPassword(pw.toCharArray());
        }
        if (cfg.tls().any()) {
            o.setSocketFactory(sslContext(cfg.tls()).getSocketFactory());
        }
        return o;
    }

    private static SSLContext sslContext(MqttConfig.Tls tls) {
        try {
            TrustManagerFactory tmf = null;
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            if (tls.ca() != null) {
                KeyStore ts = KeyStore.getInstance(KeyStore.getDefaultType());
                ts.load(null, null);
                int i = 0;
                try (var in = Files.newInputStream(tls.ca())) {
                    for (Certificate c : cf.generateCertificates(in)) {
                        ts.setCertificateEntry("ca" + i++, c);
                    }
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ts);
            }
            KeyManagerFactory kmf = null;
            if (tls.cert() != null) {
                Collection<? extends Certificate> chain;
                try (var in = Files.newInputStream(tls.cert())) {
                    chain = cf.generateCertificates(in);
                }
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                ks.setKeyEntry("client", privateKey(tls.key()), new char[0], chain.toArray(new Certificate[0]));
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, new char[0]);
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read the mqtt.tls files: " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().contains("PKCS#8") ? "" : " (" + e.getClass().getSimpleName() + ")"), e);
        }
    }

    /** A PKCS#8 PEM key ("BEGIN PRIVATE KEY"), RSA or EC. */
    private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        if (!pem.contains("BEGIN PRIVATE KEY")) {
            throw new GeneralSecurityException(file + " is not a PKCS#8 PEM key (BEGIN PRIVATE KEY); convert it with "
                    + "openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
        for (String alg : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new GeneralSecurityException("cannot read the key in " + file);
    }

    /** Why a TLS handshake failed, in words that name the config key to check; no exception class names. */
    static String tlsReason(Throwable ssl) {
        for (Throwable c = ssl; c != null; c = c.getCause()) {
            if (c instanceof java.security.cert.CertPathBuilderException
                    || c instanceof java.security.cert.CertPathValidatorException) {
                return "the broker's certificate is not trusted (not signed by the CA in mqtt.tls.ca, or by the"
                        + " JVM's CAs when tls.ca is not given)";
            }
            if (c instanceof java.security.cert.CertificateException && c.getMessage() != null
                    && (c.getMessage().contains("subject alternative name") || c.getMessage().contains("No name matching"))) {
                return "the broker's certificate is not for the host in mqtt.url (" + c.getMessage() + ")";
            }
        }
        String m = ssl.getMessage() == null ? ssl.getClass().getSimpleName() : ssl.getMessage();
        if (m.startsWith("Received fatal alert")) {
            return "the broker refused the handshake (" + m + "); check mqtt.tls.cert and mqtt.tls.key"
                    + " against the broker's cafile";
        }
        return m.replaceAll("[a-z]+(\\.[a-z0-9]+)+\\.([A-Za-z]*Exception)", "$2");
    }

    /** A connect failure as one line a person can act on. */
    static String describe(String url, Throwable t) {
        if (t instanceof IllegalArgumentException) {
            return t.getMessage();   // our own config problem (TLS files, password_env), already one line
        }
        if (t instanceof MqttException me) {
            switch (me.getReasonCode()) {
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION:
                    return "broker " + url + " refused the user name or password (bad credentials)";
                case MqttException.REASON_CODE_NOT_AUTHORIZED:
                    return "broker " + url + " refused the connection: not authorized (check mqtt.username and the password in mqtt.password_env)";
                case MqttException.REASON_CODE_CLIENT_TIMEOUT:
                    return "broker " + url + " did not answer within " + CONNECT_TIMEOUT_S + " s";
                default:
                    break;
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return "broker " + url + " is unreachable (" + c.getMessage() + ")";
            }
            if (c instanceof UnknownHostException) {
                return "broker " + url + " is unreachable (unknown host " + c.getMessage() + ")";
            }
            if (c instanceof javax.net.ssl.SSLException) {
                return "TLS with broker " + url + " failed: " + tlsReason(c);
            }
        }
        return "cannot connect to broker " + url + ": " + t.getMessage()
                + (t.getCause() != null ? " (" + t.getCause() + ")" : "");
    }
}
