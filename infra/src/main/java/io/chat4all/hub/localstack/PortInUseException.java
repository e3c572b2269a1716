package io.chat4all.hub.localstack;

/** An embedded server's port is taken; names the port and the setting that changes it. */
public class PortInUseException extends RuntimeException {

    private final String server;
    private final int port;
    private final String setting;

    public PortInUseException(String server, int port, String setting) {
        super("Port " + port + " for the embedded " + server + " is already in use (setting " + setting + ")");
        this.server = server;
        this.port = port;
        this.setting = setting;
    }

    public String server() {
        return server;
    }

    public int port() {
        return port;
    }

    public String setting() {
        return setting;
    }
}
