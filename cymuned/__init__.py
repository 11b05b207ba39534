"""Cymuned: planning, funding, monitoring and evaluation for primary care clusters in Wales."""
