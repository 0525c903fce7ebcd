//! What `cargo xtask` runs besides the library: the processes and files around it. Shared by the
//! command line (`main.rs`) and the workspace tests, so that both run the conformance tests the
//! same way.

pub mod conformance;
