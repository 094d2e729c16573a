package dev.authbisect.demo;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The demo's story as bundled in {@code history.yaml}: people and commits in the order they
 * are made. File contents stay in resources under {@code story/} until {@link #read(String)}.
 */
record Story(@JsonProperty("default_branch") String defaultBranch, Map<String, Person> people, List<Commit> commits) {
    static final String RESOURCE = "history.yaml";

    Story {
        Objects.requireNonNull(defaultBranch, "default_branch");
        people = Map.copyOf(people);
        commits = List.copyOf(commits);
    }

    /** The bundled story, checked for internal consistency. */
    static Story bundled() {
        try (InputStream in = resource(RESOURCE)) {
            ObjectMapper yaml = new ObjectMapper(YAMLFactory.builder()
                    .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
                    .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
            Story story = yaml.readValue(in, Story.class);
            story.check();
            return story;
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled demo story " + RESOURCE + " cannot be read", e);
        }
    }

    /** The bytes of a file version under {@code story/}. */
    static byte[] read(String storyPath) {
        try (InputStream in = resource("story/" + storyPath)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("the bundled demo file story/" + storyPath + " cannot be read", e);
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = Story.class.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("missing resource dev/authbisect/demo/" + name);
        }
        return in;
    }

    private void check() {
        Set<String> keys = new HashSet<>();
        Set<String> branches = new HashSet<>(Set.of(defaultBranch));
        for (Commit c : commits) {
            if (!keys.add(c.key())) {
                throw new IllegalStateException("history.yaml: duplicate commit key " + c.key());
            }
            c.when(); // fails on a malformed time
            if (!people.containsKey(c.author())) {
                throw new IllegalStateException("history.yaml: " + c.key() + ": unknown author " + c.author());
            }
            String branch = c.branchOr(defaultBranch);
            if (!branches.contains(branch) && (c.from() == null || !keys.contains(c.from()))) {
                throw new IllegalStateException("history.yaml: " + c.key() + ": new branch " + branch
                        + " needs `from` naming an earlier commit");
            }
            if (c.merge() != null && !branches.contains(c.merge())) {
                throw new IllegalStateException("history.yaml: " + c.key() + ": merges unknown branch " + c.merge());
            }
            branches.add(branch);
        }
    }

    /** An author (also the committer of their commits). */
    record Person(String name, String email) {
        Person {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(email, "email");
        }
    }

    /**
     * One commit of the story.
     *
     * @param key     the short name tests and the demo use ({@code floatCommit})
     * @param subject the first line of the message
     * @param body    more lines, or null
     * @param author  a key of {@link Story#people()}
     * @param time    author and commit time with the author's offset, ISO-8601 ("2025-12-09T09:30:00+08:00")
     * @param branch  the branch it goes on, or null for the default branch
     * @param from    for a new branch: the commit it starts at
     * @param merge   for a merge: the branch merged in (second parent)
     * @param module  label of the module content at this commit (documentation, checked by tests)
     * @param files   repository path → file under {@code story/}, written over the first parent's tree
     */
    record Commit(String key, String subject, String body, String author, String time, String branch,
                  String from, String merge, String module, Map<String, String> files) {
        Commit {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(subject, key + ".subject");
            Objects.requireNonNull(author, key + ".author");
            Objects.requireNonNull(time, key + ".time");
            Objects.requireNonNull(module, key + ".module");
            files = files == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(files));
            files.forEach((path, source) -> Objects.requireNonNull(source, key + ".files." + path));
        }

        OffsetDateTime when() {
            return OffsetDateTime.parse(time);
        }

        String branchOr(String defaultBranch) {
            return branch == null ? defaultBranch : branch;
        }

        /** The full commit message: subject, and the body after a blank line. */
        String message() {
            return body == null || body.isBlank() ? subject + "\n" : subject + "\n\n" + body.strip() + "\n";
        }
    }
}
