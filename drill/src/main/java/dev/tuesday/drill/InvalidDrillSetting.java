package dev.tuesday.drill;

/**
 * A drill setting that cannot be used, with the setting's name and what is wrong; the message is
 * one line a user can act on, for example {@code rate: must be between 1 and 50000, not 0}.
 */
public final class InvalidDrillSetting extends IllegalArgumentException {

    private final String setting;

    /**
     * @param setting the setting's name as the user knows it, for example {@code rate}
     * @param problem what is wrong with its value
     */
    public InvalidDrillSetting(String setting, String problem) {
        super(setting + ": " + problem);
        this.setting = setting;
    }

    /** The name of the setting that is wrong. */
    public String setting() {
        return setting;
    }
}
