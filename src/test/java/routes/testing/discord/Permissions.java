package routes.testing.discord;

/** Discord's permission bits the fake needs, as its documentation numbers them. */
final class Permissions {

    static final long ADD_REACTIONS = 1L << 6;
    static final long MANAGE_GUILD = 1L << 5;
    static final long VIEW_CHANNEL = 1L << 10;
    static final long SEND_MESSAGES = 1L << 11;
    static final long READ_MESSAGE_HISTORY = 1L << 16;
    static final long USE_APPLICATION_COMMANDS = 1L << 31;
    static final long MANAGE_THREADS = 1L << 34;
    static final long SEND_MESSAGES_IN_THREADS = 1L << 38;
    /** What @everyone may do in a new Discord server, as far as the bot's work goes. */
    static final long EVERYONE = VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS | ADD_REACTIONS
            | SEND_MESSAGES_IN_THREADS;

    private Permissions() {
    }
}
