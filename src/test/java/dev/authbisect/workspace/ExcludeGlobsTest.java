package dev.authbisect.workspace;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExcludeGlobsTest {
    @Test
    void doubleStarSlashAlsoMatchesNoFolder() {
        ExcludeGlobs g = ExcludeGlobs.of(List.of("**/*.md"));

        assertTrue(g.excludes("README.md"));
        assertTrue(g.excludes("backend/app/docs/x.md"));
        assertFalse(g.excludes("backend/app/x.mdx"));
    }

    @Test
    void aFolderPatternExcludesEverythingBelowIt() {
        ExcludeGlobs g = ExcludeGlobs.of(List.of("**/tests/**", "backend/app/fixtures/"));

        assertTrue(g.excludes("tests/a.py"));
        assertTrue(g.excludes("backend/app/tests/unit/a.py"));
        assertTrue(g.excludes("backend/app/fixtures/keys/a.json"));
        assertFalse(g.excludes("backend/app/contests/a.py"));
        assertFalse(g.excludes("backend/app/tests.py"));
    }

    @Test
    void aPatternWithoutSlashMatchesNamesAtAnyDepth() {
        ExcludeGlobs g = ExcludeGlobs.of(List.of("*.pyc", "__pycache__"));

        assertTrue(g.excludes("a.pyc"));
        assertTrue(g.excludes("backend/app/b.pyc"));
        assertTrue(g.excludes("backend/app/__pycache__/c.cpython-311.pyc"));
        assertFalse(g.excludes("backend/app/c.py"));
    }

    @Test
    void singleStarAndQuestionMarkStayInsideOneSegment() {
        ExcludeGlobs g = ExcludeGlobs.of(List.of("backend/*/gen?.py"));

        assertTrue(g.excludes("backend/app/gen1.py"));
        assertFalse(g.excludes("backend/app/deep/gen1.py"));
        assertFalse(g.excludes("backend/app/gen12.py"));
    }

    @Test
    void regexCharactersInGlobsAreLiteral() {
        ExcludeGlobs g = ExcludeGlobs.of(List.of("a+b(c).txt"));

        assertTrue(g.excludes("dir/a+b(c).txt"));
        assertFalse(g.excludes("dir/aab(c).txt"));
    }
}
