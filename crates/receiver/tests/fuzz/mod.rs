//! What the fuzz targets and the replay of their corpus share.
pub mod request;
