package dev.authbisect.run;

import dev.authbisect.config.HarnessConfig;
import dev.authbisect.core.CallSpec;
import dev.authbisect.core.Credentials;
import dev.authbisect.core.Redactor;
import dev.authbisect.relay.Relay;
import dev.authbisect.venue.Venue;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.Repository;

/** What every trial of one run shares (values and run-scoped services; no global state). */
record TrialContext(HarnessConfig config, Venue venue, Relay relay, Upstreams upstreams,
                    Map<String, Credentials> credentials, List<CallSpec> calls, Redactor redactor, RunJournal journal,
                    RunListener listener, Path logs, Path cache, Repository repo) {
}
