import PailCore

/// The preview pane: `P` shows or hides it; while shown it follows the selection, one read at a time.
extension AppModel {
    mutating func togglePreview() {
        state.preview.isShown.toggle()
        if !state.preview.isShown {
            state.preview.request = nil
            state.preview.content = nil
        }
        say(state.preview.isShown ? "Preview on (P or tab hides it)" : "Preview off", .info)
    }

    /// Asks for the selected entry's preview if the pane shows another one; called after every event.
    mutating func followSelectionWithPreview() {
        guard state.preview.isShown else { return }
        let wanted = state.selected.flatMap(PreviewRequest.init(row:))
        guard wanted != state.preview.request else { return }
        state.preview.request = wanted
        state.preview.content = nil
        readPreviewIfIdle()
    }

    /// Takes a preview read; one for an entry no longer selected is dropped. Starts the next read wanted.
    mutating func showPreview(_ preview: FilePreview, for request: PreviewRequest) {
        state.preview.reading = nil
        if request == state.preview.request { state.preview.content = preview }
        readPreviewIfIdle()
    }

    private mutating func readPreviewIfIdle() {
        guard state.preview.reading == nil, state.preview.content == nil, let wanted = state.preview.request else { return }
        state.preview.reading = wanted
        emit(.loadPreview(user: state.user, wanted))
    }
}
