/// How many bytes a user may still upload: their limit less what their files and old versions hold.
/// A replaced file's bytes are freed only when the user keeps no old versions.
struct UploadRoom {
    let quota: QuotaReport
    let keepsVersions: Bool

    var left: Int64 { quota.limit - quota.used - quota.oldVersions }

    func available(replacing existing: Int64) -> Int64 { left + (keepsVersions ? 0 : existing) }

    /// `QuotaExceeded` for an upload described by `what` ("a.txt is 3 MB").
    func refusal(_ what: String) -> PailError {
        let kept = quota.oldVersions > 0 ? " (\(ByteSize.format(quota.oldVersions)) are in old versions: `pail purge` frees them)" : ""
        return PailError(
            .quotaExceeded,
            "\(what) but \(quota.user) has \(ByteSize.format(max(0, left))) left of \(ByteSize.format(quota.limit))\(kept)")
    }
}
