//! Work split over the cores, one way for the whole crate: contiguous ranges for even work
//! (scanning the search index), small pieces handed out in turn for uneven work (reading
//! record files, hashing originals), results always in input order. At most 8 threads;
//! threads are scoped (they end before the call returns), so borrowing is plain.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads work is split over: the cores there are, at most 8.
pub fn workers() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(8)
}

/// Runs `work` over contiguous parts of `0..len`, one per core (on the calling thread
/// alone when `len` is below `min_len`); results in order.
pub fn ranges<T: Send>(
    len: usize,
    min_len: usize,
    work: impl Fn(Range<usize>) -> T + Sync,
) -> Vec<T> {
    let n = if len < min_len { 1 } else { workers() };
    if n == 1 {
        return vec![work(0..len)];
    }
    let step = len.div_ceil(n);
    let work = &work;
    std::thread::scope(|s| {
        let handles: Vec<_> = (1..n)
            .map(|i| s.spawn(move || work(i * step..((i + 1) * step).min(len))))
            .collect();
        let mut out = vec![work(0..step.min(len))];
        for h in handles {
            match h.join() {
                Ok(part) => out.push(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

/// Runs `work` over every item, handing out `piece` items at a time to whichever thread
/// is free, so uneven work keeps every core busy to the end. `done` is called with how
/// many items are finished, from the worker threads. Returns the results in order, piece
/// by piece (a caller can take them one piece at a time, freeing each as it goes).
pub fn pieces<T: Sync, R: Send>(
    items: &[T],
    piece: usize,
    work: impl Fn(&T) -> R + Sync,
    done: &(dyn Fn(usize) + Sync),
) -> Vec<Vec<R>> {
    let piece = piece.max(1);
    let total = items.len();
    let next = AtomicUsize::new(0);
    let finished = AtomicUsize::new(0);
    let threads = workers().min(total.div_ceil(piece)).max(1);
    let mut parts: Vec<(usize, Vec<R>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let start = next.fetch_add(piece, Ordering::Relaxed);
                        if start >= total {
                            break;
                        }
                        let end = (start + piece).min(total);
                        let out: Vec<R> = items[start..end].iter().map(&work).collect();
                        let now = finished.fetch_add(end - start, Ordering::Relaxed) + end - start;
                        done(now);
                        mine.push((start, out));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(mine) => mine,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    parts.sort_unstable_by_key(|(start, _)| *start);
    parts.into_iter().map(|(_, out)| out).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order_whatever_the_split() {
        let items: Vec<u32> = (0..1003).collect();
        let squares: Vec<u64> = pieces(&items, 7, |&x| u64::from(x) * 2, &|_| {})
            .into_iter()
            .flatten()
            .collect();
        assert_eq!(squares, (0..1003).map(|x| x * 2).collect::<Vec<u64>>());
        let sums = ranges(1003, 10, |r| r.sum::<usize>());
        assert_eq!(sums.iter().sum::<usize>(), (0..1003).sum::<usize>());
        assert!(pieces(&[] as &[u32], 4, |&x| x, &|_| {}).is_empty());
        assert_eq!(ranges(3, 10, |r| r.len()), vec![3]);
    }

    #[test]
    fn progress_reaches_the_total() {
        let items: Vec<u32> = (0..100).collect();
        let most = AtomicUsize::new(0);
        pieces(&items, 8, |&x| x, &|n| {
            most.fetch_max(n, Ordering::Relaxed);
        });
        assert_eq!(most.load(Ordering::Relaxed), 100);
    }
}
