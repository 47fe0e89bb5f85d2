package org.benchrig.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.benchrig.store.ProfileRecords;
import org.benchrig.store.Store;

/** Profiles kept with their run in the store (table {@code profiles}, migration V20). */
public final class ProfileArchive {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ProfileRecords records;

    public ProfileArchive(Store store) {
        this.records = new ProfileRecords(store);
    }

    /** A stored profile and its id. */
    public record Stored(long id, long runId, Profile profile) {
    }

    public long add(long runId, Profile p) {
        String meta;
        try {
            meta = JSON.writeValueAsString(p.meta());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("profile metadata cannot be written as JSON", e);   // strings only
        }
        return records.add(new ProfileRecords.Row(0, runId, p.target(), p.benchmark(), p.tier(), p.outcome(), p.detail(),
                meta, p.stacks().text(), p.table().text()));
    }

    public List<Stored> ofRun(long runId) {
        return records.ofRun(runId).stream().map(ProfileArchive::stored).toList();
    }

    public java.util.Optional<Stored> byId(long id) {
        return records.byId(id).map(ProfileArchive::stored);
    }

    private static Stored stored(ProfileRecords.Row r) {
        Map<String, String> meta;
        try {
            meta = JSON.readValue(r.meta(), new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            meta = Map.of("unreadable", e.getOriginalMessage());
        }
        String where = "profile " + r.id();
        FoldedStacks stacks = r.stacks() == null ? new FoldedStacks(List.of()) : FoldedStacks.parse(r.stacks(), where + " stacks");
        CallTable table = r.table() == null || r.table().isBlank() ? new CallTable(List.of())
                : CallTable.parse(r.table(), where + " table");
        return new Stored(r.id(), r.runId(), new Profile(r.target(), r.benchmark(), r.tier(), r.outcome(), r.detail(), meta,
                stacks, table));
    }
}
