/**
 * The {@code netty} model: Netty 4.2's event loops (epoll or NIO) behind the harness's {@code ServerModel}
 * SPI. Use it to see where the industry's event loop lands beside concbench's own reactor on the same
 * figures. By default the harness parser and App serve the bytes, so the comparison isolates the loop;
 * {@code --codec netty} measures Netty's HTTP decoder instead, reported as its own variant.
 *
 * <p>Only {@link io.concbench.model.netty.NettyModel} is public.
 */
package io.concbench.model.netty;
