import NIOCore

/// Lets a connection read up to `ReceiveBufferSize.maximum` bytes at a time, instead of NIO's 64 KiB: a
/// large upload then crosses from the event loop to its request in a quarter as many buffers. NIO's
/// allocator grows a connection's buffer only while reads fill it, so small requests keep small ones.
/// It only sets the option when added, and stays in the pipeline doing nothing else.
final class ReceiveBufferSize: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = Never

    static let maximum = 256 << 10

    func handlerAdded(context: ChannelHandlerContext) {
        try? context.channel.syncOptions?.setOption(
            .recvAllocator, value: AdaptiveRecvByteBufferAllocator(minimum: 64, initial: 2048, maximum: Self.maximum))
    }
}
