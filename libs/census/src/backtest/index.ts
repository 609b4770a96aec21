export {
  backtestOrigins,
  expectedReports,
  scoreBacktest,
  truthFromRows,
  type BacktestReport,
  type BacktestScores,
  type CellScores,
  type ErrorStats,
  type HorizonScores,
  type ModelStats,
  type TruthHospital,
  type TruthPoint,
} from './metrics';
