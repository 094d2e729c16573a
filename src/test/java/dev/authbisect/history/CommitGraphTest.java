package dev.authbisect.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

class CommitGraphTest {
    static ObjectId id(int n) {
        return ObjectId.fromString(String.format("%040x", n));
    }

    /** 1 - 2 - 4 (merge of 2 and 3), 1 - 3; 0 is outside the selection. */
    static final CommitGraph DIAMOND = new CommitGraph(List.of(id(1), id(2), id(3), id(4)), Map.of(
            id(1), List.of(id(0)), id(2), List.of(id(1)), id(3), List.of(id(1)), id(4), List.of(id(2), id(3))));

    @Test
    void parentsOutsideTheSelectionAreDropped() {
        assertEquals(List.of(), DIAMOND.parents(id(1)));
        assertEquals(List.of(id(1)), DIAMOND.roots());
        assertEquals(List.of(id(4)), DIAMOND.tips());
    }

    @Test
    void childrenAncestorsAndDescendantsFollowTheEdges() {
        assertEquals(List.of(id(2), id(3)), DIAMOND.children(id(1)));
        assertEquals(Set.of(id(1), id(2), id(3), id(4)), DIAMOND.ancestorsOf(id(4)));
        assertEquals(Set.of(id(3), id(4)), DIAMOND.descendantsOf(id(3)));
        assertTrue(DIAMOND.isAncestor(id(1), id(4)));
        assertFalse(DIAMOND.isAncestor(id(2), id(3)));
        assertEquals(2, DIAMOND.indexOf(id(3)));
    }

    @Test
    void aParentAfterItsChildOrADuplicateIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new CommitGraph(List.of(id(2), id(1)), Map.of(id(2), List.of(id(1)))));
        assertThrows(IllegalArgumentException.class, () -> new CommitGraph(List.of(id(1), id(1)), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> DIAMOND.parents(id(9)));
    }
}
