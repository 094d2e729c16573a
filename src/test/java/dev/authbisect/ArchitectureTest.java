package dev.authbisect;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Dependencies flow one way: {@code cli → pipelines → features → config → core}.
 *
 * <ul>
 *   <li><b>cli</b>: picocli commands, thin adapters; nothing depends on them.</li>
 *   <li><b>pipelines</b> ({@code run}, {@code drift}, {@code demo}): wire features into a run. {@code drift}
 *       and {@code demo} sit beside {@code run} because they drive a {@code MatrixRun}; no cycles among them.</li>
 *   <li><b>features</b>: the pipeline's inputs ({@code history}, {@code workspace}, {@code probe},
 *       {@code process}, {@code relay}, {@code simulator}, {@code venue}, and {@code scaffold}, the repository
 *       scan behind {@code init}) and what reads its results ({@code analysis}, {@code report}, {@code bisect}).
 *       Features may use each other without cycles; an input never reads a result, and only cli and pipelines
 *       read {@code report} (it renders; nothing below it decides). {@code process} (spawning, process trees,
 *       bounded output) is the feature {@code workspace} and {@code probe} both build on; neither reads the other.</li>
 *   <li><b>config</b>: the harness config as values (what the YAML says), read by everything above it. It
 *       knows no feature: whoever needs the venue looked up or a scenario's keys read passes that in
 *       ({@code CredentialResolver.ScenarioKeys}; the venue id is checked by {@code RunSetup}).</li>
 *   <li><b>core</b>: values and helpers every layer shares (outcomes, secrets, redaction, exit codes, JSON).</li>
 * </ul>
 * A new package must be placed in one of these layers here, or this test fails.
 */
@AnalyzeClasses(packages = "dev.authbisect", importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {
    private static final String[] INPUTS = {"dev.authbisect.history..", "dev.authbisect.workspace..",
        "dev.authbisect.probe..", "dev.authbisect.process..", "dev.authbisect.relay..", "dev.authbisect.simulator..",
        "dev.authbisect.venue..", "dev.authbisect.scaffold.."};
    private static final String[] RESULTS = {"dev.authbisect.analysis..", "dev.authbisect.report..", "dev.authbisect.bisect.."};
    private static final String[] PIPELINES = {"dev.authbisect.run..", "dev.authbisect.drift..", "dev.authbisect.demo.."};

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .ensureAllClassesAreContainedInArchitecture()
            .layer("cli").definedBy("dev.authbisect.cli..")
            .layer("pipelines").definedBy(PIPELINES)
            .layer("features").definedBy(concat(INPUTS, RESULTS))
            .layer("config").definedBy("dev.authbisect.config..")
            .layer("core").definedBy("dev.authbisect.core..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("pipelines").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("features").mayOnlyBeAccessedByLayers("cli", "pipelines")
            .whereLayer("config").mayOnlyBeAccessedByLayers("cli", "pipelines", "features")
            .whereLayer("core").mayOnlyBeAccessedByLayers("cli", "pipelines", "features", "config");

    @ArchTest
    static final ArchRule noCyclesBetweenPackages = slices().matching("dev.authbisect.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule inputsNeverReadResults = noClasses().that().resideInAnyPackage(INPUTS)
            .should().dependOnClassesThat().resideInAnyPackage(RESULTS);

    @ArchTest
    static final ArchRule buildsAndProbesShareProcessNotEachOther = noClasses().that().resideInAPackage("dev.authbisect.workspace..")
            .should().dependOnClassesThat().resideInAPackage("dev.authbisect.probe..")
            .because("a build and a probe both run commands through dev.authbisect.process");

    @ArchTest
    static final ArchRule onlyCliAndPipelinesRender = classes().that().resideInAPackage("dev.authbisect.report..")
            .should().onlyHaveDependentClassesThat().resideInAnyPackage(concat(new String[] {"dev.authbisect.cli..",
                "dev.authbisect.report.."}, PIPELINES));

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
