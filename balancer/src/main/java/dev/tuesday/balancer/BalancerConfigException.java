package dev.tuesday.balancer;

import dev.tuesday.common.FileFieldException;
import java.nio.file.Path;

/** A balancer configuration file that cannot be used, with the file and the field at fault. */
public final class BalancerConfigException extends FileFieldException {

    /**
     * @param file    the configuration file
     * @param field   the field at fault, dotted ({@code backends[1].url}), or {@code null} for the whole file
     * @param problem what is wrong with it
     */
    public BalancerConfigException(Path file, String field, String problem) {
        super(file, "configuration", field, problem);
    }
}
