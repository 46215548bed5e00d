package org.adjoint4j.model;

import java.util.ArrayDeque;
import java.util.Arrays;
import org.ejml.data.DMatrixSparseCSC;

/**
 * The reverse Cuthill–McKee ordering of a square sparsity pattern (of {@code A + A^T}): a
 * breadth-first numbering from a peripheral node, neighbours by increasing degree, reversed. It
 * narrows the band, so LU fill stays near the band. EJML's sparse LU offers no fill-reducing
 * ordering of its own (only none or random), hence this one.
 */
public final class ReverseCuthillMcKee {

    private ReverseCuthillMcKee() {
    }

    /**
     * @param pattern a square sparse matrix (values ignored; not modified)
     * @return {@code order[k]}: the original index placed at position k
     */
    public static int[] order(DMatrixSparseCSC pattern) {
        int n = pattern.numCols;
        if (pattern.numRows != n) {
            throw new IllegalArgumentException("RCM needs a square pattern, got " + pattern.numRows + " x " + n);
        }
        int[][] adjacency = symmetricAdjacency(pattern);
        int[] order = new int[n];
        boolean[] placed = new boolean[n];
        int count = 0;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        while (count < n) {
            int start = pseudoPeripheral(adjacency, placed);
            queue.add(start);
            placed[start] = true;
            while (!queue.isEmpty()) {
                int v = queue.poll();
                order[count++] = v;
                int[] next = Arrays.stream(adjacency[v]).filter(u -> !placed[u]).boxed()
                        .sorted((a, b) -> Integer.compare(adjacency[a].length, adjacency[b].length))
                        .mapToInt(Integer::intValue).toArray();
                for (int u : next) {
                    placed[u] = true;
                    queue.add(u);
                }
            }
        }
        for (int i = 0, j = n - 1; i < j; i++, j--) {
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Neighbour lists of the symmetric pattern of A + A^T without the diagonal. */
    static int[][] symmetricAdjacency(DMatrixSparseCSC a) {
        int n = a.numCols;
        int[] degree = new int[n];
        for (int j = 0; j < n; j++) {
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) {
                int i = a.nz_rows[k];
                if (i != j) {
                    degree[i]++;
                    degree[j]++;
                }
            }
        }
        int[][] adj = new int[n][];
        int[] fill = new int[n];
        for (int i = 0; i < n; i++) {
            adj[i] = new int[degree[i]];
        }
        for (int j = 0; j < n; j++) {
            for (int k = a.col_idx[j]; k < a.col_idx[j + 1]; k++) {
                int i = a.nz_rows[k];
                if (i != j) {
                    adj[i][fill[i]++] = j;
                    adj[j][fill[j]++] = i;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            adj[i] = Arrays.stream(adj[i]).distinct().sorted().toArray();
        }
        return adj;
    }

    /** A node of (nearly) maximal eccentricity among those not placed: repeated BFS from the farthest. */
    private static int pseudoPeripheral(int[][] adjacency, boolean[] placed) {
        int start = -1;
        for (int i = 0; i < placed.length; i++) {
            if (!placed[i] && (start < 0 || adjacency[i].length < adjacency[start].length)) {
                start = i;
            }
        }
        int eccentricity = -1;
        for (int round = 0; round < 5; round++) {
            int[] far = farthest(adjacency, placed, start);
            if (far[1] <= eccentricity) {
                break;
            }
            eccentricity = far[1];
            start = far[0];
        }
        return start;
    }

    private static int[] farthest(int[][] adjacency, boolean[] placed, int start) {
        int[] level = new int[adjacency.length];
        Arrays.fill(level, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(start);
        level[start] = 0;
        int last = start;
        while (!queue.isEmpty()) {
            int v = queue.poll();
            last = v;
            for (int u : adjacency[v]) {
                if (!placed[u] && level[u] < 0) {
                    level[u] = level[v] + 1;
                    queue.add(u);
                }
            }
        }
        return new int[] {last, level[last]};
    }
}
