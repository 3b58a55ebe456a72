package dev.scms.store.sqlite;

import dev.scms.store.LexicalHit;
import java.util.ArrayList;
import java.util.List;

/**
 * The best {@code limit} slots of a {@link TextIndex} by score, ties broken by the lower memory
 * id as {@code ORDER BY rank, m.id} breaks them, kept in a bounded heap whose root is the worst.
 */
final class TopHits {

    private final int[] heap;
    private final double[] scores;
    private final TextIndex index;
    private int size;

    TopHits(int limit, double[] scores, TextIndex index) {
        this.heap = new int[limit];
        this.scores = scores;
        this.index = index;
    }

    void offer(int slot) {
        if (size < heap.length) {
            heap[size] = slot;
            up(size++);
        } else if (better(slot, heap[0])) {
            heap[0] = slot;
            down(0);
        }
    }

    /** Returns the kept slots as hits, best first. */
    List<LexicalHit> hits() {
        int[] order = new int[size];
        int count = size;
        for (int i = count - 1; i >= 0; i--) {
            order[i] = heap[0];
            heap[0] = heap[--size];
            down(0);
        }
        List<LexicalHit> hits = new ArrayList<>(count);
        for (int slot : order) {
            hits.add(new LexicalHit(index.memoryId(slot), scores[slot]));
        }
        return hits;
    }

    private boolean better(int a, int b) {
        if (scores[a] != scores[b]) {
            return scores[a] > scores[b];
        }
        return index.memoryId(a) < index.memoryId(b);
    }

    private void up(int i) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!better(heap[parent], heap[i])) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void down(int i) {
        while (true) {
            int worst = i;
            for (int child = 2 * i + 1; child <= 2 * i + 2 && child < size; child++) {
                if (better(heap[worst], heap[child])) {
                    worst = child;
                }
            }
            if (worst == i) {
                return;
            }
            swap(i, worst);
            i = worst;
        }
    }

    private void swap(int a, int b) {
        int t = heap[a];
        heap[a] = heap[b];
        heap[b] = t;
    }
}
