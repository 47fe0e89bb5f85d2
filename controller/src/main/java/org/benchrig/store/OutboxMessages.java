package org.benchrig.store;

import java.util.List;
import org.benchrig.result.Measurement;

/**
 * What the outbox queues for each stored change. The store says what changed, inside that change's
 * own transaction, and inserts the messages returned in the same transaction; the side that sends
 * them (mqtt) builds their topics and payloads. Installed with {@link Outbox#install}.
 */
public interface OutboxMessages {

    /** One message to queue: QoS 1, sent in seq order. */
    record Message(String topic, String kind, String payload, boolean retained) {
    }

    /** A run that started, as the runs table holds it ({@code startedAt} as stored text). */
    record Started(String rig, long run, String suite, int repetitions, List<String> targets, String startedAt,
                   String configHash) {
        public Started {
            targets = List.copyOf(targets);
        }
    }

    /** One measurement of an ended run: what its retained per-benchmark summary needs. */
    record Result(String target, String benchmark, String tier, String mode, Long timeNs, String outcome) {
    }

    /** A new measurement; {@code inRun} measurements of its run are stored now, this one included. */
    List<Message> measured(String rig, Measurement m, long inRun);

    List<Message> started(Started run);

    /** A run that finished or was interrupted, with its measurements in (target, benchmark, mode, repetition) order. */
    List<Message> ended(String rig, long run, RunState state, String reason, List<Result> results);
}
