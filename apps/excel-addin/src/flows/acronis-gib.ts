// The GiB rule is defined in the table model (it is definition, not I/O); these names stay for callers written before it.
export { GIB, isByteRow, withGib } from '@meterbook/table-model';
