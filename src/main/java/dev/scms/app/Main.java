package dev.scms.app;

/** Entry point of the {@code scms} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(0);
    }
}
