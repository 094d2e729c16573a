package dev.authbisect.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.authbisect.core.ExitCodes;
import dev.authbisect.core.ExitException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExcludeGlobsTest {
    @Test
    void doubleStarSlashMatchesAnyNumberOfDirectoriesIncludingNone() {
        ExcludeGlobs g = ExcludeGlobs.of(List.of("**/tests/**"));
        assertTrue(g.excludes("tests/a.py"));
        assertTrue(g.excludes("backend/app/tests/a.py"));
        assertTrue(g.excludes("backend/app/tests/deep/er/a.py"));
        assertTrue(g.excludesDirectory("backend/app/tests"));
        assertFalse(g.excludes("backend/app/contests/a.py"));
        assertFalse(g.excludes("backend/app/tests.py"));
    }

    @Test
    void singleStarStaysInOneSegment() {
        ExcludeGlobs g = ExcludeGlobs.of(List.of("backend/*.md"));
        assertTrue(g.excludes("backend/README.md"));
        assertFalse(g.excludes("backend/app/README.md"));
        assertFalse(g.excludes("README.md"));
    }

    @Test
    void aPatternWithoutSlashMatchesNamesAtAnyDepth() {
        ExcludeGlobs g = ExcludeGlobs.of(List.of("*.md", "__pycache__"));
        assertTrue(g.excludes("README.md"));
        assertTrue(g.excludes("a/b/NOTES.md"));
        assertTrue(g.excludes("a/__pycache__/x.pyc"));
        assertFalse(g.excludes("a/b/notes.mdx"));
    }

    @Test
    void bracesQuestionMarksAndClassesWork() {
        ExcludeGlobs g = ExcludeGlobs.of(List.of("**/*.{md,txt}", "/build?/**", "x/[!a]*"));
        assertTrue(g.excludes("a/b.txt"));
        assertTrue(g.excludes("a/b.md"));
        assertFalse(g.excludes("a/b.py"));
        assertTrue(g.excludes("build1/out.o"));
        assertFalse(g.excludes("sub/build1/out.o"), "a leading slash anchors at the repository root");
        assertTrue(g.excludes("x/bcd"));
        assertFalse(g.excludes("x/abc"));
    }

    @Test
    void noGlobsExcludeNothing() {
        ExcludeGlobs g = ExcludeGlobs.of(List.of());
        assertTrue(g.isEmpty());
        assertFalse(g.excludes("anything/at/all.md"));
    }

    @Test
    void globsThatExcludeEverythingOrDoNotParseAreUsageErrors() {
        ExitException all = assertThrows(ExitException.class, () -> ExcludeGlobs.of(List.of("a/**", "**")));
        assertEquals(ExitCodes.USAGE, all.code());
        assertEquals("target.module.exclude[1]: '**' would exclude everything "
                + "(expected a glob such as **/tests/** or **/*.md)", all.getMessage());
        assertEquals(ExitCodes.USAGE, assertThrows(ExitException.class, () -> ExcludeGlobs.of(List.of("{a,b"))).code());
    }
}
