package org.benchrig.result;

/**
 * Memory seen around one repetition. Board fields are bytes of the GC heap; hosts report peak RSS.
 * A field is null when the target cannot report it.
 */
public record HeapUse(Long freeBefore, Long freeAfter, Long freeAfterCollect, Long peakRssKb) {

    public static HeapUse none() {
        return new HeapUse(null, null, null, null);
    }

    /** Bytes the repetition left allocated before a collect (board heap), or null. */
    public Long usedDuring() {
        return freeBefore == null || freeAfter == null ? null : freeBefore - freeAfter;
    }
}
