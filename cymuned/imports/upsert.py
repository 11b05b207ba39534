"""The upsert importers declare: `cymuned.upsert` (it lives below every app, so the reference loader of
`orgs` writes the same way)."""

from cymuned.upsert import BATCH, CREATED, UNCHANGED, UPDATED, Plan, Upsert, plan, save, stored, upsert

__all__ = ["BATCH", "CREATED", "UNCHANGED", "UPDATED", "Plan", "Upsert", "plan", "save", "stored", "upsert"]
