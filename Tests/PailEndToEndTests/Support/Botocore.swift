import PailTestSupport

extension PailCredentials {
    /// botocore signing with these credentials (the endpoint, region, key pair and bucket they name).
    var botocore: BotocoreSigner {
        BotocoreSigner(endpoint: endpoint, region: region, accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, bucket: bucket)
    }
}
