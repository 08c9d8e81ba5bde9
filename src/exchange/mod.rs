//! File formats in and out: the station exchange JSON, spreadsheets, print. The record envelope
//! itself (`domain::record`) is the unit these formats carry; this layer is filled by the
//! exchange and spreadsheet work.
