"""Statistics the outcomes and indicators apps share: statistical process control (`spc`) and confidence
intervals (`intervals`). Plain typed functions over plain values; nothing here imports Django."""
