//! SEN Support Form widget (placeholder until the browser UI lands).
