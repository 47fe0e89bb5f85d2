package org.benchrig.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** Rows of named fields printed for tools: a JSON document or CSV with a header line. */
final class Listing {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Listing() {
    }

    static void json(Object document, PrintWriter out) {
        try {
            out.println(JSON.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }

    /** CSV of {@code rows} with {@code columns} in that order (other fields are left out); lists are joined with ';'. */
    static void csv(List<String> columns, List<Map<String, Object>> rows, PrintWriter out) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setArrayElementSeparator(";");
        columns.forEach(schema::addColumn);
        try {
            out.print(new CsvMapper().writer(schema.build()).with(JsonGenerator.Feature.IGNORE_UNKNOWN)
                    .writeValueAsString(rows));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write CSV: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }
}
