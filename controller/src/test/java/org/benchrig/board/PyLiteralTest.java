package org.benchrig.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Python literals as CPython's repr() writes them: text keeps its non-ASCII characters, bytes escape them. */
class PyLiteralTest {
    static final String TEXT = "a'b\\c\n\r\t\u0001\u00e9\u007f";

    @Test
    void aStrLiteralEscapesQuotesBackslashesAndControlCharactersOnly() {
        assertThat(PyLiteral.str(TEXT)).isEqualTo("'a\\'b\\\\c\\n\\r\\t\\x01\u00e9\\x7f'");
    }

    @Test
    void aBytesLiteralAlsoEscapesEveryByteOutsidePrintableAscii() {
        assertThat(PyLiteral.bytes(TEXT.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("b'a\\'b\\\\c\\n\\r\\t\\x01\\xc3\\xa9\\x7f'");
    }
}
