package io.stagesync.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** Reads a canonical record from a JSON file: one object of field name to value. */
final class RecordFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordFile() {
    }

    /**
     * @return the record's raw values
     * @throws IllegalArgumentException with a one-line message naming the file and what is wrong
     */
    static Map<String, Object> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("cannot read record " + file + ": file not found");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read record " + file + ": " + e.getMessage());
        }
        try {
            Object parsed = JSON.readValue(text, Object.class);
            if (!(parsed instanceof Map)) {
                throw new IllegalArgumentException("record " + file + " must be a JSON object of field: value, not "
                        + (parsed == null ? "null" : parsed instanceof java.util.List ? "an array" : "a single value"));
            }
            return JSON.convertValue(parsed, new TypeReference<Map<String, Object>>() { });
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new IllegalArgumentException("record " + file + " is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
    }
}
