package routes.gateway;

import routes.schema.BotResponse;

/** A gateway that can hand an answer to whoever asked: the console, a waiting HTTP request, Discord. */
public interface AnswerGateway {

    /** The origin its questions carry in their context, and their answers in their metadata. */
    String origin();

    void deliver(BotResponse response);
}
