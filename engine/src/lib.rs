//! hark-engine: the search engine (placeholder until the engine issue lands).
