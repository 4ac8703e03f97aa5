//! Generated protobuf messages and gRPC stubs for `article.v1`, shared by the server and the
//! clients, plus the encoded descriptor set that server reflection serves.

/// `article.v1`: messages, `article_service_server` and `article_service_client`.
pub mod v1 {
    tonic::include_proto!("article.v1");
}

/// The encoded `FileDescriptorSet` of `proto/` (for tonic-reflection).
pub const FILE_DESCRIPTOR_SET: &[u8] = tonic::include_file_descriptor_set!("article_descriptor");
