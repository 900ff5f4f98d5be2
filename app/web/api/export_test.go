package api

// Internals the external tests use.

type CampaignForm = campaignForm

const ImportChunk = importChunk

type ImportResult = importResult

var OpenAPI = &openAPI

type QuestionnaireForm = questionnaireForm

type TokenForm = tokenForm

type TransitionForm = transitionForm
