package routes.dashboard;

/** A request the dashboard refuses, with the status and the sentence the page shows (never a stack trace). */
public class DashboardException extends RuntimeException {

    private final int status;

    public DashboardException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }

    public static DashboardException badParameter(String name, String why) {
        return new DashboardException(400, "Bad parameter '" + name + "': " + why);
    }

    public static DashboardException forbidden(String why) {
        return new DashboardException(403, why);
    }
}
