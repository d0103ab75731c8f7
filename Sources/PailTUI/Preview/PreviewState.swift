/// The preview pane's state: whether it is shown, the entry it is for and its preview once read.
///
/// The pane follows the selection without queueing reads: at most one read runs at a time; a read whose
/// entry is no longer selected when it lands is dropped, and the selection's is read next.
struct PreviewState: Sendable, Equatable {
    var isShown = false
    /// The entry the pane is for: the selected one when the state last changed; nil if none.
    var request: PreviewRequest?
    /// The preview of `request`; nil while it is read.
    var content: FilePreview?
    /// The read running on the engine worker, if any.
    var reading: PreviewRequest?
}
