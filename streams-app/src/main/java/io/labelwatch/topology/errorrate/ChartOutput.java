package io.labelwatch.topology.errorrate;

import io.labelwatch.events.ChartPoint;
import io.labelwatch.events.QualityAlert;

/** What the chart processor emits: a chart point for every closed window, and alert lifecycle updates. */
public sealed interface ChartOutput permits ChartOutput.Point, ChartOutput.Alert {
    record Point(ChartPoint point) implements ChartOutput {}

    record Alert(QualityAlert alert) implements ChartOutput {}
}
