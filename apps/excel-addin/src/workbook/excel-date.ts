// Excel date serials are defined in the table model; the pane's preview imports them from here.
export { fromExcelSerial, toExcelSerial } from '@meterbook/table-model';
