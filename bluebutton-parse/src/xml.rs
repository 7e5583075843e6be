//! Shared XML helpers (placeholder).
