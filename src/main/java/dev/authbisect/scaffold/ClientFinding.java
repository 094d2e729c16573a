package dev.authbisect.scaffold;

import java.util.List;
import java.util.Map;

/**
 * The client {@code authbisect init} found in a repository: where it is, how to load it, which
 * of its methods make which venue calls, and how it gets its key, secret and base URL.
 *
 * @param language       the client's language
 * @param file           the file with the client class (repository path)
 * @param modulePath     the module path to configure ({@code backend/app/}, or a single file)
 * @param importRoot     Python: the folder to put on PYTHONPATH, relative to the module folder ("" for its root);
 *                       Node: unused
 * @param moduleName     Python: the dotted module name; Node: the file's path inside the module folder
 * @param className      the client class, or empty when none was found
 * @param calls          the methods to call, each with the venue method it sends
 * @param needArguments  methods that make venue calls but need arguments ("place_order(symbol, qty)")
 * @param envVars        the environment variable the code reads, per role
 * @param otherEnvVars   other environment variables the code reads (not set for the probe)
 * @param constructorArgs constructor parameter per role, for roles no environment variable covers
 * @param unmappedConstructorArgs required constructor parameters authbisect cannot fill
 * @param hardCodedHosts venue hosts the code names literally (when no base URL variable was found)
 */
record ClientFinding(Language language, String file, String modulePath, String importRoot, String moduleName,
                     String className, List<FoundCall> calls, List<String> needArguments, Map<Role, String> envVars,
                     List<String> otherEnvVars, Map<Role, String> constructorArgs, List<String> unmappedConstructorArgs,
                     List<String> hardCodedHosts) {
    ClientFinding {
        calls = List.copyOf(calls);
        needArguments = List.copyOf(needArguments);
        envVars = Map.copyOf(envVars);
        otherEnvVars = List.copyOf(otherEnvVars);
        constructorArgs = Map.copyOf(constructorArgs);
        unmappedConstructorArgs = List.copyOf(unmappedConstructorArgs);
        hardCodedHosts = List.copyOf(hardCodedHosts);
    }

    enum Language { PYTHON, NODE }

    /** A method of the client class and the venue method it sends. */
    record FoundCall(String name, String venueMethod) {
    }
}
