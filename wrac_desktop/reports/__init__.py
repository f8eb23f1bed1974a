"""Reports: one plain report-data object feeds the PDF, XLSX, CSV and JSON writers."""
