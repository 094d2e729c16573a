package dev.authbisect.analysis;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * One commit as the report shows it.
 *
 * @param id      full object id
 * @param shortId abbreviated id (7 characters)
 * @param subject first line of the message (raw: escape when rendering)
 * @param author  author name (raw)
 * @param time    commit time, ISO-8601
 * @param parents full ids of its parents (all of them, also those outside the range)
 */
public record CommitRef(String id, @JsonProperty("short") String shortId, String subject, String author, String time,
                        List<String> parents) {
    public CommitRef {
        Objects.requireNonNull(id, "id");
        shortId = shortId == null ? id.substring(0, Math.min(7, id.length())) : shortId;
        subject = subject == null ? "" : subject;
        author = author == null ? "" : author;
        time = time == null ? "" : time;
        parents = parents == null ? List.of() : List.copyOf(parents);
    }
}
