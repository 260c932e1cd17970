// @meterbook/table-model: the definition of every table Meterbook writes, with no Office.js in it.
export const TABLE_MODEL_VERSION = 1;
