package org.benchrig.config;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;

/**
 * The one reading of a schedule's cron text: Unix cron (minute hour day-of-month month
 * day-of-week, as crontab(5) reads it) by cron-utils. The config checks it, the scheduler runs it.
 */
public final class CronExpression {

    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private CronExpression() {
    }

    /** The validated cron; IllegalArgumentException says what is wrong with {@code text}. */
    public static Cron parse(String text) {
        return UNIX.parse(text).validate();
    }
}
