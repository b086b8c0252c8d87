"""Derived figures (counts, ordinals, durations, turnarounds, current state), recomputed from local
data by `openll stats` (`openll.stats.recompute.recompute_all`). Imported values are kept as LL2
gave them until then. Each function states its formula; the shared status rules are in `common`."""
