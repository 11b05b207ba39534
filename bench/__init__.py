"""`make bench`: Cymuned measured at national scale, every figure against its target in one run."""
