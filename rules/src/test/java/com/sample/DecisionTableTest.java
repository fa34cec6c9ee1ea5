package com.sample;

/**
 * The fact class that the HelloWorld decision table of the Drools project template imports as
 * {@code com.sample.DecisionTableTest.Message}, written for the tests that run that table.
 */
public final class DecisionTableTest {

    private DecisionTableTest() {
    }

    /** A greeting whose status the rules move from HELLO to GOODBYE. */
    public static class Message {

        public static final int HELLO = 0;
        public static final int GOODBYE = 1;

        private String message;
        private int status;

        public Message(String message, int status) {
            this.message = message;
            this.status = status;
        }

        public String getMessage() {
            return message;
        }

        public void setMessage(String message) {
            this.message = message;
        }

        public int getStatus() {
            return status;
        }

        public void setStatus(int status) {
            this.status = status;
        }
    }
}
