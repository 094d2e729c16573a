package dev.authbisect.scaffold;

import dev.authbisect.scaffold.ClientFinding.FoundCall;
import dev.authbisect.scaffold.ClientFinding.Language;
import dev.authbisect.venue.SourceHints;
import java.util.List;
import java.util.Locale;

/** The text of the {@code authbisect.yaml} that {@code init} writes: commented like harness-config/demo.yaml. */
final class ConfigText {
    private ConfigText() {
    }

    static String render(ClientFinding c, List<String> support, String venue, SourceHints hints, String repo, String scenario,
                         String keyLabel, List<String> missing, String configPath) {
        boolean python = c.language() == Language.PYTHON;
        StringBuilder y = new StringBuilder();
        y.append("""
                # authbisect config written by `authbisect init` for the client in %1$s
                # (class %2$s). Read it once; every key is explained where it is set.
                #
                #   authbisect check --config %3$s --probe   # validate, then try the probe once
                #   authbisect run   --config %3$s           # the matrix: module versions x environments x calls
                #
                # Paths are relative to this file. ${configDir} is this file's folder; ${env:NAME} is an
                # environment variable of the shell that runs authbisect (read here, never passed on to
                # the probe). {{...}} in probe.env are filled in per trial by the harness.
                """.formatted(oneLine(c.file()), oneLine(c.className()), oneLine(configPath)));
        if (!missing.isEmpty()) {
            y.append("#\n# init could not find everything; edit the places marked TODO:\n");
            missing.forEach(m -> y.append("#   - ").append(oneLine(m)).append('\n'));
        }
        y.append("version: 1\n\ntarget:\n");
        y.append("  # The git repository under test: a path relative to this file (or a git URL).\n");
        y.append("  repo: ").append(q(repo)).append("\n\n");
        y.append("  module:\n");
        y.append(python
                ? "    # The top Python package that holds the client. Each commit is reduced to a \"module\n"
                + "    # version\" (the git object ids of these paths): commits that leave them unchanged share\n"
                + "    # one version and are built and probed once.\n"
                : "    # The folder that holds the client. Each commit is reduced to a \"module version\" (the\n"
                + "    # git object ids of these paths): commits that leave them unchanged share one version\n"
                + "    # and are probed once.\n");
        y.append("    paths: [").append(q(c.modulePath())).append("]\n");
        y.append("    # Files inside the module that do not count: editing only these makes no new version.\n");
        y.append("    exclude: [\"**/tests/**\", \"**/*.md\"]\n");
        y.append("    # Files the module needs from elsewhere in the repository (shared helpers, requirements\n");
        y.append("    # files): written beside it from the same commit, but not part of its version.\n");
        if (support.isEmpty()) {
            y.append("    # support: [requirements.txt, common/]\n\n");
        } else {
            y.append("    support: [").append(String.join(", ", support.stream().map(ConfigText::q).toList())).append("]\n\n");
        }
        if (python) {
            y.append("  # Optional: run once per module version in its folder before any probe; a failing build\n");
            y.append("  # makes that version SKIPPED. For Python, a syntax check:\n");
            y.append("  # build:\n");
            y.append("  #   command: [python3, -m, compileall, -q, ").append(q(stripSlash(c.modulePath()))).append("]\n");
            y.append("  #   timeout: 2m\n\n");
        }
        y.append("  # The program that loads the module at one version and makes the calls through it.\n");
        y.append(python
                ? "  # probes/generic_probe.py imports PROBE_MODULE, constructs PROBE_CLASS and calls one method\n"
                + "  # per call (README \"Writing a probe\"); edit it freely, it is yours now.\n"
                : "  # probes/generic_probe.mjs imports PROBE_MODULE, constructs PROBE_CLASS and calls one method\n"
                + "  # per call (README \"Writing a probe\"); edit it freely, it is yours now.\n");
        y.append("  probe:\n");
        y.append(python ? "    command: [python3, \"${configDir}/probes/generic_probe.py\"]\n"
                : "    command: [node, \"${configDir}/probes/generic_probe.mjs\"]\n");
        y.append("    timeout: 60s            # the whole process tree is killed after this: PROBE_ERROR\n");
        y.append("""
                    # The ONLY variables the probe gets besides PATH, HOME, TMPDIR, LANG, AUTHBISECT_* and a
                    # proxy that refuses every host but the relay: nothing leaks in from your shell.
                    #   {{module.dir}}              the materialized module version
                    #   {{relay.url}}               the relay's base URL for this trial (records, verifies, forwards)
                    #   {{credentials.api_key}}     this environment's credentials (see environments)
                    #   {{credentials.api_secret}}
                    env:
                """);
        if (python) {
            y.append("      PYTHONPATH: ").append(q("{{module.dir}}" + (c.importRoot().isEmpty() ? "" : "/" + c.importRoot()))).append('\n');
            y.append("      PROBE_MODULE: ").append(q(c.moduleName())).append('\n');
        } else {
            y.append("      PROBE_MODULE: ").append(q("{{module.dir}}/" + c.moduleName())).append('\n');
        }
        y.append("      PROBE_CLASS: ").append(q(c.className())).append('\n');
        boolean anyEnv = !c.envVars().isEmpty();
        if (anyEnv) {
            y.append("      # what the code reads from its environment, pointed at the relay and this environment's key\n");
        }
        for (Role role : Role.values()) {
            if (c.envVars().containsKey(role)) {
                y.append("      ").append(c.envVars().get(role)).append(": ").append(q(role.template)).append('\n');
            }
        }
        if (!c.constructorArgs().isEmpty()) {
            y.append("      # constructor arguments (PROBE_INIT_<name> → ").append(python ? "keyword argument <name>"
                    : "option <name> of the constructor's options object").append(")\n");
        }
        for (Role role : Role.values()) {
            if (c.constructorArgs().containsKey(role)) {
                y.append("      PROBE_INIT_").append(python ? c.constructorArgs().get(role).toUpperCase(Locale.ROOT) : c.constructorArgs().get(role))
                        .append(": ").append(q(role.template)).append('\n');
            }
        }
        for (Role role : Role.values()) {
            if (!c.envVars().containsKey(role) && !c.constructorArgs().containsKey(role)) {
                y.append("      # TODO ").append(role.words).append(": NAME_YOUR_CODE_READS: ").append(q(role.template)).append('\n');
            }
        }
        y.append("""

                # The API dialect: request shape, signature check, error codes.
                venue: %s

                # The logical calls: `name` is the client method the probe calls; `method` (and optional
                # `params`) is what authbisect's own reference signer sends for the control row, which
                # makes the same calls through the same environments without your code.
                calls:
                """.formatted(venue));
        for (FoundCall call : c.calls()) {
            y.append("  - {name: ").append(call.name()).append(", method: ").append(call.venueMethod()).append("}\n");
        }
        for (String needs : c.needArguments()) {
            String name = needs.substring(0, needs.indexOf('('));
            y.append("  # - {name: ").append(name).append(", method: …}   # TODO needs arguments ").append(oneLine(needs))
                    .append(": set PROBE_ARGS_").append(name.toUpperCase(Locale.ROOT)).append(" (JSON) under probe.env\n");
        }
        String keyVar = c.envVars().getOrDefault(Role.KEY, "MY_API_KEY");
        String secretVar = c.envVars().getOrDefault(Role.SECRET, "MY_API_SECRET");
        y.append("""

                # The columns of the matrix: where and as whom the calls are made.
                environments:
                  # The embedded exchange simulator with the generated test key of sim/%2$s.yaml:
                  # runs as written, nothing to export. scenario_key takes the key and secret from the
                  # scenario by label; it is allowed for sim: upstreams only.
                  - name: sim
                    credentials: {scenario_key: %1$s}
                    upstream: sim:%2$s
                  # Your real account, to compare with: uncomment and export the two variables first.
                  # Credentials are never literal here: ${env:NAME}, ${file:PATH} or
                  # {dotenv: FILE, api_key: VAR, api_secret: VAR}.
                  # - name: live
                  #   credentials: {api_key: "${env:%3$s}", api_secret: "${env:%4$s}"}
                  #   upstream: %5$s

                # Simulator scenarios (keys, allowlists, clock, rate limits, faults), relative to this file.
                simulators:
                  %2$s: sim/%2$s.yaml

                # Which commits: a range as in `git log` (A..B), a single revision meaning all of its
                # history, or revs: [a1b2c3d, HEAD~3]. Commits that do not change the module cost nothing.
                commits:
                  range: HEAD

                run:
                  jobs: 2       # trials in parallel
                """.formatted(q(keyLabel), scenario, keyVar, secretVar, hints.liveBaseUrl()));
        return y.toString();
    }

    /** A YAML double-quoted scalar. */
    static String q(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0x7f) {
                        b.append(String.format("\\x%02x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\p{Cntrl}]", " ");
    }

    private static String stripSlash(String p) {
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
