package io.concbench.model.netty;

import io.concbench.harness.http.HttpLimits;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * {@code --codec netty}: Netty's request decoder and aggregator in front of {@link HttpHandler}.
 *
 * <p>Responses stay the harness's bytes, so the variant differs from the default in parsing alone. They
 * leave through {@link #RAW_OUTPUT}, a pass-through at the head of the pipeline: Netty's response encoder
 * takes only {@code HttpObject}s, and {@code HttpServerCodec} queues one entry per request for an encoder
 * that would never see the response, so the decoder half is used on its own.
 *
 * <p>Two pass-through handlers around the decoder tell {@link HttpHandler} where a head begins and ends,
 * which Netty's decoder does not say, so that the header timeout applies as with the harness codec.
 */
final class CodecPipeline {

    /** The context {@link HttpHandler} writes through; nothing between it and the socket. */
    static final String RAW_OUTPUT = "raw-output";
    /** Netty's default for a decoded chunk. */
    static final int MAX_CHUNK_BYTES = 8192;

    private CodecPipeline() {}

    static void install(ChannelPipeline p, HttpLimits limits, HttpHandler handler) {
        p.addLast(RAW_OUTPUT, new ChannelOutboundHandlerAdapter());
        p.addLast("bytes-in", new BytesIn(handler));
        p.addLast("decoder", new HttpRequestDecoder(limits.maxRequestLineBytes(), limits.maxHeadBytes(), MAX_CHUNK_BYTES));
        p.addLast("heads-out", new HeadsOut(handler));
        p.addLast("aggregator", new Aggregator((int) Math.min(Integer.MAX_VALUE, limits.maxBodyBytes())));
        p.addLast("app", handler);
    }

    /** Before the decoder: bytes arrived, so a head may have begun (the header timeout's start). */
    private static final class BytesIn extends ChannelInboundHandlerAdapter {
        private final HttpHandler handler;

        BytesIn(HttpHandler handler) {
            this.handler = handler;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            handler.codecBytesArrived();
            ctx.fireChannelRead(msg);
        }
    }

    /** After the decoder: where a head ends ({@link HttpRequest}) and its request ends ({@link LastHttpContent}). */
    private static final class HeadsOut extends ChannelInboundHandlerAdapter {
        private final HttpHandler handler;

        HeadsOut(HttpHandler handler) {
            this.handler = handler;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                handler.codecHeadDecoded();
            }
            if (msg instanceof LastHttpContent) {
                handler.codecRequestDecoded();
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** Hands an oversized body to the handler, which answers 413 in order, instead of writing Netty's own response. */
    private static final class Aggregator extends HttpObjectAggregator {
        Aggregator(int maxContentLength) {
            super(maxContentLength);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            ctx.fireUserEventTriggered(HttpHandler.BODY_TOO_LARGE);
        }
    }
}
