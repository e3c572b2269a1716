package io.chat4all.hub.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Port checks for the embedded servers, which all listen on the loopback interface only. */
final class Ports {

    private Ports() {}

    /** The configured port if it is free, any free port for 0; a taken port fails fast. */
    static int claim(int port, String server, String setting) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new PortInUseException(server, port, setting);
        }
    }
}
